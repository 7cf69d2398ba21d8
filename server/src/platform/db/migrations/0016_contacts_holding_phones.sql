-- The contacts holding any of these phones, always through the GIN index on phone_numbers, for the
-- duplicate checks of the API and of import batches and for channels meeting numbers. Every phone
-- is unique, so the statistics hold no common numbers and the planner guesses 0.5% of the table
-- per number: for a batch it tests every contact against the whole list (a sequential scan or the
-- workspace's btree; measured 400 s instead of seconds for a 100,000-row import), and for three
-- numbers among a million it starts two parallel workers (90 ms for a 0.3 ms lookup). Here the
-- GIN index is the only index the inner query can use, sequential scans and parallel plans are
-- priced out, and the function answers in one round trip.
CREATE OR REPLACE FUNCTION contacts_holding_phones(ws uuid, numbers text[]) RETURNS TABLE (id uuid, phone_numbers text[])
LANGUAGE sql STABLE ROWS 10
SET enable_seqscan = off SET max_parallel_workers_per_gather = 0
AS $$
  WITH found AS MATERIALIZED (SELECT c.id, c.workspace_id, c.phone_numbers FROM contacts c WHERE c.phone_numbers && numbers)
  SELECT found.id, found.phone_numbers FROM found WHERE found.workspace_id = ws
$$;

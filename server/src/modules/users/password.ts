import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { describePasswordProblems, passwordProblems } from '@contracts/password';
import { validationFailed } from '../../platform/errors';

// OWASP's argon2id baseline (19 MiB, 2 passes): ~25 ms here, slow enough for offline attacks.
const OPTIONS = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular, verified against unknown logins so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export async function burnVerifyTime(password: string) {
  decoy ??= hashPassword('decoy-password-Aa1!');
  await verifyPassword(await decoy, password);
}

/** USER-5: refuses a weak password with validation_failed naming the field. */
export function assertStrongPassword(password: string, field = 'password') {
  const problems = passwordProblems(password);
  if (problems.length) throw validationFailed([{ path: field, message: describePasswordProblems(problems) }]);
}

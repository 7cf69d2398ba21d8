/** USER-5 password policy, shared by the server and the web forms. Returns the unmet rules. */
export type PasswordRule = 'min_length' | 'lowercase' | 'uppercase' | 'digit' | 'special' | 'max_length';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export function passwordProblems(password: string): PasswordRule[] {
  const problems: PasswordRule[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('min_length');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('max_length');
  if (!/\p{Ll}/u.test(password)) problems.push('lowercase');
  if (!/\p{Lu}/u.test(password)) problems.push('uppercase');
  if (!/\p{Nd}/u.test(password)) problems.push('digit');
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) problems.push('special');
  return problems;
}

const RULE_TEXT: Record<PasswordRule, string> = {
  min_length: `at least ${PASSWORD_MIN_LENGTH} characters`,
  max_length: `at most ${PASSWORD_MAX_LENGTH} characters`,
  lowercase: 'a lower-case letter',
  uppercase: 'an upper-case letter',
  digit: 'a digit',
  special: 'a special character',
};

export function describePasswordProblems(problems: PasswordRule[]): string {
  return `Password needs ${problems.map((p) => RULE_TEXT[p]).join(', ')}`;
}

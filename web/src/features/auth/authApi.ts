import { useMutation } from '@tanstack/react-query';
import type { User } from '@contracts/users';
import { api } from '../../lib/api';

export interface SessionResult {
  token: string;
  user: User;
}

export interface SetupInput {
  workspaceName: string;
  adminDisplayName: string;
  adminLogin: string;
  adminPassword: string;
  adminEmail?: string;
}

// Login answers 401 for a wrong password: that is the form's business, not a lost session.
export const login = (body: { login: string; password: string }) =>
  api.post<SessionResult>('/api/v1/auth/login', body, { expectUnauthorized: true });

export const setupWorkspace = (body: SetupInput) => api.post<SessionResult>('/api/v1/setup', body, { expectUnauthorized: true });

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api.post<void>('/api/v1/auth/password', body, { expectUnauthorized: true });

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout', {}, { expectUnauthorized: true }),
    // A full page load, whatever the server said: nothing of the previous session (cached lists,
    // form state) survives in memory for the next person at this computer.
    onSettled: () => window.location.replace('/login'),
  });
}

export { registerUserRoutes } from './user.routes';
export { findUser, findUserByLogin, findUsersByIds, insertUser, updateUser, type UserRow } from './user.repository';
export { presentUser } from './user.presenter';
export { hashPassword, verifyPassword, burnVerifyTime, assertStrongPassword } from './password';
export { withinWorkHours } from './work-hours';
export { getUser } from './user.service';
export { registerUserImportRoutes } from './user-import.routes';

export { StorageLimitError, type Storage, type StoredObject } from './storage';
export { LocalDiskStorage } from './local-disk-storage';

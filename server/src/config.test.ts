import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './data', ATENDE_ROLE: 'all', WHATSAPP_GRAPH_URL: 'https://graph.facebook.com' });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('stops on a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ ATENDE_ROLE: 'api' })).toThrow(/ATENDE_ROLE/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(/SECRET_KEY/);
  });

  it('wants the three bootstrap variables together', () => {
    expect(() => loadConfig({ ATENDE_BOOTSTRAP_WORKSPACE: 'Acme' })).toThrow(/ATENDE_BOOTSTRAP_/);
    expect(loadConfig({ ATENDE_BOOTSTRAP_WORKSPACE: 'Acme', ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'a', ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'b' }).ATENDE_BOOTSTRAP_WORKSPACE).toBe('Acme');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});

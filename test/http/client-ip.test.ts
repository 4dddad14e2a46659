import { describe, expect, it } from 'vitest';
import { forwardedClient } from '../../src/http/client-ip.js';
import { loadConfig } from '../../src/config.js';
import { makeTestApp } from '../helpers/app.js';

describe('client address behind our own proxies', () => {
  it('takes the entry our proxy appended, never the ones the client wrote', () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient('6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(forwardedClient('203.0.113.7', 2)).toBeUndefined();
    expect(forwardedClient(undefined, 1)).toBeUndefined();
  });

  it('rejects a TRUST_PROXY that is not a count of proxies, naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxyHops).toBe(1);
    expect(loadConfig({}).trustProxyHops).toBe(0);
  });

  it('locks an IP that tries many accounts even when it writes a new left-most X-Forwarded-For each time', async () => {
    const t = await makeTestApp({ TRUST_PROXY: '1' });
    const from = (spoof: string) => ({ 'X-Forwarded-For': `${spoof}, 198.51.100.9` });
    for (let i = 0; i < 20; i++) {
      await t.request('/login', { method: 'POST', headers: from(`10.9.${i}.1`), body: t.form({ email: `nobody${i}@example.com`, password: 'x' }) });
    }
    const u = await t.user('trainee', null);
    const res = await t.request('/login', { method: 'POST', headers: from('10.200.0.1'), body: t.form({ email: u.email, password: 'correct-horse-battery' }) });
    expect(res.status).toBe(429);
    // Another client behind the same proxy is not locked out with it.
    const other = await t.request('/login', {
      method: 'POST',
      headers: { 'X-Forwarded-For': '198.51.100.10' },
      body: t.form({ email: u.email, password: 'correct-horse-battery' }),
    });
    expect(other.status).toBe(303);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration at start-up', () => {
  it('points links and QR codes at the port the server listens on when PUBLIC_URL is not set', () => {
    expect(loadConfig({ PORT: '4123' }).publicUrl.href).toBe('http://localhost:4123/');
    expect(loadConfig({ PORT: '4123', PUBLIC_URL: 'https://bcm.example.cn' }).publicUrl.href).toBe('https://bcm.example.cn/');
  });

  it('stops with the setting named when TIME_ZONE is not a time zone, instead of failing in a request', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Base' })).toThrow("TIME_ZONE: 'Mars/Base' is not an IANA time zone");
    expect(loadConfig({ TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
  });
});

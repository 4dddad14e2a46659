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

  it('reads the LMS settings with the rest: the LTI key beside the data unless LTI_KEY_PATH moves it, xAPI off until XAPI_LRS_URL is set', () => {
    const plain = loadConfig({ DATA_DIR: '/srv/bcm' });
    expect(plain.ltiKeyPath).toBe('/srv/bcm/lti-key.json');
    expect(plain.xapi).toBeNull();
    expect(loadConfig({ LTI_KEY_PATH: '/etc/bcm/tool.json' }).ltiKeyPath).toBe('/etc/bcm/tool.json');
    const xapi = loadConfig({ XAPI_LRS_URL: 'https://lrs.example.cn/xapi', XAPI_LRS_USERNAME: 'bcm', XAPI_LRS_PASSWORD: 'pw' }).xapi!;
    expect(xapi.endpoint.href).toBe('https://lrs.example.cn/xapi/');
    expect(xapi).toMatchObject({ username: 'bcm', password: 'pw', actor: 'account' });
    expect(loadConfig({ XAPI_LRS_URL: 'https://lrs.example.cn/', XAPI_ACTOR: 'mbox' }).xapi!.actor).toBe('mbox');
  });

  it('stops at start-up with the variable named when an LMS setting is wrong, instead of failing in a request', () => {
    expect(() => loadConfig({ XAPI_LRS_URL: 'lrs.example.cn' })).toThrow(/XAPI_LRS_URL: must be the LRS endpoint/);
    expect(() => loadConfig({ XAPI_LRS_URL: 'https://lrs.example.cn/', XAPI_ACTOR: 'email' })).toThrow(/XAPI_ACTOR/);
  });

  it('runs on the SQLite file unless DATABASE_URL names a PostgreSQL database, and stops with the variable named (not its password) when it is not one', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://bcm:pw@db.example.cn:5432/bcm' }).databaseUrl).toBe('postgres://bcm:pw@db.example.cn:5432/bcm');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.example.cn/bcm' }).databaseUrl).toBe('postgresql://db.example.cn/bcm');
    for (const wrong of ['mysql://bcm:topsecret@db/bcm', 'postgres://bcm:topsecret@db.example.cn', 'db.example.cn/bcm']) {
      expect(() => loadConfig({ DATABASE_URL: wrong })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
      expect(() => loadConfig({ DATABASE_URL: wrong })).not.toThrow(/topsecret/);
    }
  });
});

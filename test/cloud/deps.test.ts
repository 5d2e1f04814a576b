import { describe, expect, it } from 'vitest';
import { fakeGoogleRoot } from '../../functions/cloud/deps.js';

describe('THIDUA_GOOGLE_API_ROOT (the tests\' loopback fake of Google)', () => {
  it('is off when unset, and takes a loopback address', () => {
    expect(fakeGoogleRoot({})).toBeUndefined();
    expect(fakeGoogleRoot({ THIDUA_GOOGLE_API_ROOT: ' ' })).toBeUndefined();
    expect(fakeGoogleRoot({ THIDUA_GOOGLE_API_ROOT: 'http://127.0.0.1:4567/' })).toEqual({ rootUrl: 'http://127.0.0.1:4567/' });
    expect(fakeGoogleRoot({ THIDUA_GOOGLE_API_ROOT: 'http://localhost:80' })).toEqual({ rootUrl: 'http://localhost:80' });
  });

  it('refuses any other host: a setting left in a deployment never sends a sheet elsewhere', () => {
    for (const root of ['https://sheets.example.com/', 'http://10.0.0.5:8080/', 'http://127.0.0.1.evil.example/', 'not a url']) {
      expect(() => fakeGoogleRoot({ THIDUA_GOOGLE_API_ROOT: root }), root).toThrow(/THIDUA_GOOGLE_API_ROOT must be a loopback URL/);
    }
  });
});

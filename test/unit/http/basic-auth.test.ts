import { describe, expect, it } from 'vitest';
import { parseBasicAuthorization } from '../../../layers/http/basic-auth';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('parseBasicAuthorization', () => {
  const cases: Array<[string, string | undefined, { username: string; password: string } | undefined]> = [
    ['a valid header', `Basic ${b64('admin:pa:ss')}`, { username: 'admin', password: 'pa:ss' }],
    ['a lower-case scheme', `basic ${b64('u:')}`, { username: 'u', password: '' }],
    ['no header', undefined, undefined],
    ['another scheme', `Bearer ${b64('u:p')}`, undefined],
    ['no colon', `Basic ${b64('admin')}`, undefined],
    ['an empty username', `Basic ${b64(':p')}`, undefined],
    ['garbage', 'Basic !!!', undefined],
    ['a NUL in the username', `Basic ${b64('ad\u0000min:pw')}`, undefined],
    ['a control character in the username', `Basic ${b64('ad\u001bmin:pw')}`, undefined],
    ['a username longer than Django allows', `Basic ${b64(`${'u'.repeat(151)}:pw`)}`, undefined],
    ['a username of 150 characters', `Basic ${b64(`${'u'.repeat(150)}:pw`)}`, { username: 'u'.repeat(150), password: 'pw' }],
    ['a NUL in the password (never stored, only hashed)', `Basic ${b64('admin:p\u0000w')}`, { username: 'admin', password: 'p\u0000w' }],
  ];
  it.each(cases)('reads %s', (_label, header, expected) => {
    // Prepare
    const input = header;

    // Act
    const creds = parseBasicAuthorization(input);

    // Assess
    expect(creds).toEqual(expected);
  });
});

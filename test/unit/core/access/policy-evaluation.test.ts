import { describe, expect, it } from 'vitest';
import type { PolicyStatement } from '../../../../layers/core/access/access-policy';
import { evaluateExpression, policyAllows } from '../../../../layers/core/access/policy-evaluation';
import type { Principal } from '../../../../layers/core/access/principal';

const user: Principal = { userId: 'u', pk: 7, username: 'alice', isSuperuser: false, isStaff: false };
const admin: Principal = { ...user, pk: 1, username: 'admin', isSuperuser: true };
const subject = (principal?: Principal, groups: string[] = []) => ({ principal, groupNames: async () => groups });
const holds = (...true_: string[]) => async (c: string) => true_.includes(c);

describe('policyAllows (drf-access-policy rules)', () => {
  const cases: Array<{ name: string; statements: PolicyStatement[]; action?: string; who?: ReturnType<typeof subject>; check?: (c: string) => Promise<boolean>; allowed: boolean }> = [
    { name: 'nothing matches: deny', statements: [{ action: 'list', principal: '*', effect: 'allow' }], action: 'create', allowed: false },
    { name: 'an allow for everyone', statements: [{ action: ['list'], principal: '*', effect: 'allow' }], allowed: true },
    { name: 'authenticated needs a principal', statements: [{ action: 'list', principal: 'authenticated', effect: 'allow' }], who: subject(undefined), allowed: false },
    { name: 'anonymous matches no principal', statements: [{ action: 'list', principal: 'anonymous', effect: 'allow' }], who: subject(undefined), allowed: true },
    { name: 'admin is the superuser', statements: [{ action: '*', principal: 'admin', effect: 'allow' }], allowed: false },
    { name: 'admin lets the superuser in', statements: [{ action: '*', principal: 'admin', effect: 'allow' }], who: subject(admin), allowed: true },
    { name: 'id:<pk>', statements: [{ action: 'list', principal: 'id:7', effect: 'allow' }], allowed: true },
    { name: 'group:<name>', statements: [{ action: 'list', principal: 'group:ops', effect: 'allow' }], who: subject(user, ['ops']), allowed: true },
    { name: 'a condition that fails', statements: [{ action: 'list', principal: '*', effect: 'allow', condition: 'c1' }], allowed: false },
    { name: 'every condition must hold', statements: [{ action: 'list', principal: '*', effect: 'allow', condition: ['c1', 'c2'] }], check: holds('c1'), allowed: false },
    { name: 'all conditions holding', statements: [{ action: 'list', principal: '*', effect: 'allow', condition: ['c1', 'c2'] }], check: holds('c1', 'c2'), allowed: true },
    {
      name: 'a deny wins over an allow',
      statements: [
        { action: 'list', principal: '*', effect: 'allow' },
        { action: 'list', principal: 'authenticated', effect: 'deny' },
      ],
      allowed: false,
    },
    {
      name: 'a deny whose condition fails does not deny',
      statements: [
        { action: 'list', principal: '*', effect: 'allow' },
        { action: 'list', principal: '*', effect: 'deny', condition: 'c1' },
      ],
      allowed: true,
    },
    { name: '<safe_methods> on a GET', statements: [{ action: '<safe_methods>', principal: '*', effect: 'allow' }], allowed: true },
    { name: 'condition_expression', statements: [{ action: 'list', principal: '*', effect: 'allow', condition_expression: 'c1 or (c2 and not c3)' }], check: holds('c2'), allowed: true },
  ];
  it.each(cases)('$name', async ({ statements, action, who, check, allowed }) => {
    expect(await policyAllows(statements, { action: action ?? 'list', method: 'GET' }, who ?? subject(user), check ?? holds())).toBe(allowed);
  });
});

describe('evaluateExpression', () => {
  it.each([
    ['a and b', ['a', 'b'], true],
    ['a and b', ['a'], false],
    ['not a', [], true],
    ['(a or b) and not c', ['b'], true],
    ['(a or b) and not c', ['b', 'c'], false],
    ['a and', ['a'], false],
    ['(a', ['a'], false],
  ] as const)('%s with %j holding is %s', async (expr, holding, expected) => {
    expect(await evaluateExpression(expr, holds(...holding))).toBe(expected);
  });
});

import { asList, type PolicyStatement } from './access-policy';
import type { Principal } from './principal';

/** Who asks, as statements' `principal` entries match it. */
export interface Subject {
  principal?: Principal;
  /** The names of the user's groups, for `group:<name>` principals (asked only when needed). */
  groupNames(): Promise<string[]>;
}

export type ConditionCheck = (condition: string) => Promise<boolean>;

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

function matchesAction(statement: PolicyStatement, action: string, method: string): boolean {
  return asList(statement.action).some(
    (a) => a === '*' || a === action || (a === '<safe_methods>' && SAFE_METHODS.includes(method)) || a.toLowerCase() === `<method:${method.toLowerCase()}>`,
  );
}

async function matchesPrincipal(statement: PolicyStatement, subject: Subject): Promise<boolean> {
  const p = subject.principal;
  for (const entry of asList(statement.principal)) {
    if (entry === '*') return true;
    if (entry === 'anonymous' && !p) return true;
    if (!p) continue;
    if (entry === 'authenticated') return true;
    if (entry === 'admin' && p.isSuperuser) return true;
    if (entry === 'staff' && p.isStaff) return true;
    if (entry === `id:${p.pk}`) return true;
    if (entry.startsWith('group:') && (await subject.groupNames()).includes(entry.slice('group:'.length))) return true;
  }
  return false;
}

/** Parses and evaluates `a and (b or not c)`; an expression it cannot parse is false. */
export async function evaluateExpression(expression: string, check: ConditionCheck): Promise<boolean> {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const orExpr = async (): Promise<boolean> => {
    let value = await andExpr();
    while (peek()?.toLowerCase() === 'or') {
      i += 1;
      const right = await andExpr();
      value = value || right;
    }
    return value;
  };
  const andExpr = async (): Promise<boolean> => {
    let value = await notExpr();
    while (peek()?.toLowerCase() === 'and') {
      i += 1;
      const right = await notExpr();
      value = value && right;
    }
    return value;
  };
  const notExpr = async (): Promise<boolean> => {
    if (peek()?.toLowerCase() === 'not') {
      i += 1;
      return !(await notExpr());
    }
    return atom();
  };
  const atom = async (): Promise<boolean> => {
    const token = tokens[i++];
    if (token === undefined || token === ')') throw new SyntaxError(expression);
    if (token === '(') {
      const value = await orExpr();
      if (tokens[i++] !== ')') throw new SyntaxError(expression);
      return value;
    }
    return check(token);
  };
  try {
    const value = await orExpr();
    return i === tokens.length && value;
  } catch {
    return false;
  }
}

async function conditionsHold(statement: PolicyStatement, check: ConditionCheck): Promise<boolean> {
  for (const condition of asList(statement.condition)) if (!(await check(condition))) return false;
  for (const expression of asList(statement.condition_expression)) if (!(await evaluateExpression(expression, check))) return false;
  return true;
}

/**
 * drf-access-policy's rule: of the statements naming the action and the principal whose
 * conditions hold, any deny denies; otherwise any allow allows; nothing matching denies.
 */
export async function policyAllows(
  statements: readonly PolicyStatement[],
  request: { action: string; method: string },
  subject: Subject,
  check: ConditionCheck,
): Promise<boolean> {
  let allowed = false;
  for (const statement of statements) {
    if (!matchesAction(statement, request.action, request.method)) continue;
    if (!(await matchesPrincipal(statement, subject))) continue;
    if (statement.effect === 'allow' && allowed) continue;
    if (!(await conditionsHold(statement, check))) continue;
    if (statement.effect === 'deny') return false;
    allowed = true;
  }
  return allowed;
}

import { GUARD_TYPES, type GuardType } from '../../core/access/core-viewsets';

export const CONTENT_GUARDS = '/pulp/api/v3/contentguards/';

/** `/pulp/api/v3/contentguards/core/rbac/` */
export const guardEndpoint = (g: Pick<GuardType, 'type'>): string => `${CONTENT_GUARDS}core/${g.type}/`;

/** Every guard type's endpoint: a distribution's `content_guard` may name any of them. */
export const GUARD_PREFIXES: readonly string[] = GUARD_TYPES.map(guardEndpoint);

export function guardTypeOf(pulpType: string): GuardType {
  const found = GUARD_TYPES.find((g) => g.pulpType === pulpType);
  if (!found) throw new Error(`Unknown content guard type ${pulpType}`);
  return found;
}

export const guardHref = (pulpType: string, id: string): string => `${guardEndpoint(guardTypeOf(pulpType))}${id}/`;
export const guardPrn = (pulpType: string, id: string): string => `prn:${guardTypeOf(pulpType).model}:${id}`;

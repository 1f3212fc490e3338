import type { Found, Ordering, Window } from '../models/page';
import type { TextMatch } from '../text-match';
import type { ObjectScope } from './route-access';

export interface User {
  id: string;
  pk: number;
  username: string;
  /** Null: password login disabled. */
  passwordHash: string | null;
  /** Verify-only, during a rotation of the bootstrap secret. */
  previousPasswordHash: string | null;
  firstName: string;
  lastName: string;
  email: string;
  isSuperuser: boolean;
  isStaff: boolean;
  isActive: boolean;
  dateJoined: string;
}

export interface Group {
  pk: number;
  name: string;
  pulpCreated: string;
}

export type NewUser = Omit<User, 'id' | 'pk' | 'dateJoined' | 'previousPasswordHash'>;
export type UserPatch = Partial<Omit<NewUser, 'isSuperuser'>>;

export interface UserFilter {
  username?: TextMatch;
  firstName?: TextMatch;
  lastName?: TextMatch;
  email?: TextMatch;
  isActive?: boolean;
  isStaff?: boolean;
  pks?: number[];
  ordering?: Ordering;
}

export interface GroupFilter {
  name?: TextMatch;
  pks?: number[];
  scope?: ObjectScope;
  ordering?: Ordering;
}

/** Users, groups and who belongs to which. */
export interface IdentityStore {
  userByName(username: string): Promise<User | undefined>;
  userById(id: string): Promise<User | undefined>;
  userByPk(pk: number): Promise<User | undefined>;
  listUsers(filter: UserFilter, window: Window): Promise<Found<User>>;
  createUser(user: NewUser): Promise<User>;
  updateUser(id: string, patch: UserPatch): Promise<User | undefined>;
  deleteUser(id: string): Promise<boolean>;
  /** Creates the user if absent (never touches an existing one); true when created. */
  ensureUser(user: NewUser): Promise<boolean>;
  setPasswordHashes(id: string, current: string | null, previous: string | null): Promise<void>;
  groupsOf(userIds: string[]): Promise<Map<string, Group[]>>;

  listGroups(filter: GroupFilter, window: Window): Promise<Found<Group>>;
  groupByPk(pk: number): Promise<Group | undefined>;
  groupByName(name: string): Promise<Group | undefined>;
  createGroup(name: string): Promise<Group>;
  renameGroup(pk: number, name: string): Promise<Group | undefined>;
  deleteGroup(pk: number): Promise<boolean>;
  members(groupPk: number, window: Window): Promise<Found<User>>;
  addMember(groupPk: number, userId: string): Promise<void>;
  removeMember(groupPk: number, userId: string): Promise<void>;
}

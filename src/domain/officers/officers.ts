/**
 * Officers' accounts: created, found by username (to sign in) or id (each request of a session), given a new
 * password, signed out everywhere, changed by an administrator, listed. Hashing passwords is the console's job;
 * this keeps the hash and never hands it out except through `findForSignIn`.
 */
import { randomBytes } from 'node:crypto';
import { AppError, DuplicateKeyError } from '../../errors.js';
import { withDuplicateKeyAsError } from '../../persistence/mongo.js';
import { OFFICER_ROLES, type OfficerModel, type OfficerRecord, type OfficerRole } from './officer-model.js';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
const DISPLAY_NAME_MAX = 80;

/** An officer as anyone may see them: everything but the password hash. */
export type Officer = Omit<OfficerRecord, 'passwordHash'>;

export interface NewOfficer {
  username: string;
  displayName: string;
  role: OfficerRole;
  passwordHash: string;
}

export type OfficerChange = Partial<Pick<OfficerRecord, 'displayName' | 'role' | 'disabled'>>;

export class InvalidOfficerError extends AppError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super('INVALID_OFFICER', `officer ${field}: ${problem}`, { field });
  }
}

export class OfficerExistsError extends AppError {
  constructor(username: string, options?: { cause?: unknown }) {
    super('OFFICER_EXISTS', `an officer with the username '${username}' already exists`, { username }, options);
  }
}

export interface Officers {
  create(officer: NewOfficer, at: Date): Promise<Officer>;
  find(id: string): Promise<Officer | null>;
  findByUsername(username: string): Promise<Officer | null>;
  /** The one read that carries the hash: signing in compares against it. */
  findForSignIn(username: string): Promise<OfficerRecord | null>;
  /** Replaces the hash and ends the officer's sessions. */
  setPassword(id: string, passwordHash: string, at: Date): Promise<Officer | null>;
  /** Ends every session of the officer ("log out everywhere"). */
  bumpEpoch(id: string, at: Date): Promise<Officer | null>;
  /** Changes name, role or disabled; a change of role or a disabling ends the officer's sessions. */
  change(id: string, change: OfficerChange, at: Date): Promise<Officer | null>;
  /** Every officer, by username (officers are tens, not thousands). */
  list(): Promise<Officer[]>;
}

/** Lower-cases and checks a username; throws `InvalidOfficerError` naming the rule it breaks. */
export function normalizeUsername(username: string): string {
  const normalized = String(username).trim().toLowerCase();
  if (!USERNAME_PATTERN.test(normalized)) {
    throw new InvalidOfficerError('username', '3 to 32 of a-z, 0-9, dot, underscore or hyphen');
  }
  return normalized;
}

export function withoutSecrets(record: OfficerRecord): Officer {
  const { passwordHash: _hash, ...officer } = record;
  return officer;
}

const HIDE_HASH = { passwordHash: 0 } as const;

export function createOfficers(model: OfficerModel): Officers {
  // FerretDB 1.x has no projection in findAndModify: the hash is dropped here instead.
  const update = async (id: string, set: Record<string, unknown>, endSessions: boolean) => {
    const updated = await model
      .findOneAndUpdate(
        { _id: String(id) },
        { $set: set, ...(endSessions ? { $inc: { sessionEpoch: 1 } } : {}) },
        { returnDocument: 'after' },
      )
      .lean<OfficerRecord>();
    return updated && withoutSecrets(updated);
  };

  return {
    async create(officer, at) {
      const username = normalizeUsername(officer.username);
      const displayName = checkedDisplayName(officer.displayName);
      if (!OFFICER_ROLES.includes(officer.role)) throw new InvalidOfficerError('role', 'admin or viewer');
      if (!officer.passwordHash) throw new InvalidOfficerError('passwordHash', 'missing');
      const record: OfficerRecord = {
        _id: `o_${randomBytes(8).toString('hex')}`,
        username,
        displayName,
        role: officer.role,
        passwordHash: officer.passwordHash,
        sessionEpoch: 1,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await withDuplicateKeyAsError('officers', { username }, () => model.create(record));
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw new OfficerExistsError(username, { cause: error });
        throw error;
      }
      return withoutSecrets(record);
    },

    find: async (id) => model.findById(String(id), HIDE_HASH).lean<Officer>(),

    // The username is checked first, so the filter is a plain string equality whatever the caller passed.
    findByUsername: async (username) =>
      model.findOne({ username: normalizeUsername(username) }, HIDE_HASH).lean<Officer>(),

    findForSignIn: async (username) => model.findOne({ username: normalizeUsername(username) }).lean<OfficerRecord>(),

    setPassword: (id, passwordHash, at) => update(id, { passwordHash: String(passwordHash), updatedAt: at }, true),

    bumpEpoch: (id, at) => update(id, { updatedAt: at }, true),

    async change(id, change, at) {
      const set: Record<string, unknown> = { updatedAt: at };
      if (change.displayName !== undefined) set.displayName = checkedDisplayName(change.displayName);
      if (change.role !== undefined) {
        if (!OFFICER_ROLES.includes(change.role)) throw new InvalidOfficerError('role', 'admin or viewer');
        set.role = change.role;
      }
      if (change.disabled !== undefined) set.disabled = Boolean(change.disabled);
      return update(id, set, change.role !== undefined || change.disabled === true);
    },

    list: async () => model.find({}, HIDE_HASH).sort({ username: 1 }).lean<Officer[]>(),
  };
}

function checkedDisplayName(name: string): string {
  const trimmed = String(name ?? '').trim();
  if (trimmed.length === 0 || trimmed.length > DISPLAY_NAME_MAX) {
    throw new InvalidOfficerError('displayName', `1 to ${DISPLAY_NAME_MAX} characters`);
  }
  return trimmed;
}

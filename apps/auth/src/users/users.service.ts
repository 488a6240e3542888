import { Inject, Injectable } from '@nestjs/common';
import type {
  Caller,
  CreateUserParams,
  DeletedUserResource,
  ListResource,
  ListUsersParams,
  UpdateUserParams,
  UserResource,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { hashPassword } from '@payrail/signing';
import { DataSource, type EntityManager } from 'typeorm';
import { MerchantsRepository } from '../merchants/merchants.repository.js';
import { UserEntity } from '../merchants/user.entity.js';
import { UsersRepository } from '../merchants/users.repository.js';
import { UserSessionsService } from '../oauth/refresh-tokens/user-sessions.service.js';
import { normalizeCreateUser, normalizeRole } from './user-params.js';
import { toDeletedUserResource, toUserResource } from './user.mapper.js';

/**
 * A merchant's dashboard users. Users are merchant-wide and log in to either mode, so only a live-mode
 * caller adds, changes or removes them (either mode's caller reads them): a leaked test key must not be
 * able to make an owner who then logs in live. A merchant always keeps at least one owner.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly merchants: MerchantsRepository,
    private readonly sessions: UserSessionsService,
  ) {}

  /** The new user; with the password only when it was generated, this once. */
  async create(caller: Caller, params: CreateUserParams): Promise<UserResource> {
    assertLiveCaller(caller);
    const { username, role, password, generated } = normalizeCreateUser(params);
    const user = Object.assign(new UserEntity(), {
      id: newId('usr'),
      merchantId: caller.merchantId,
      username,
      passwordHash: await hashPassword(password),
      role,
      createdAt: new Date(),
    });
    if (!(await this.merchants.insertUser(this.dataSource.manager, user))) {
      throw new PayrailError('parameter_invalid', `The username '${username}' is already taken.`, { param: 'username' });
    }
    return toUserResource(user, generated ? password : undefined);
  }

  async retrieve(caller: Caller, id: string): Promise<UserResource> {
    return toUserResource(await this.findOrThrow(caller, id));
  }

  async list(caller: Caller, params: ListUsersParams): Promise<ListResource<UserResource>> {
    const page = await this.users.list(caller.merchantId, params ?? {});
    if (page.cursorMissing) throw PayrailError.notFound('user', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map((user) => toUserResource(user)), has_more: page.hasMore, url: '/v1/users' };
  }

  /**
   * A new role, which ends every session of the user: their access tokens carry the old role's scopes
   * and would keep them until they expire; they log in again to get the new role's.
   */
  async update(caller: Caller, params: UpdateUserParams): Promise<UserResource> {
    assertLiveCaller(caller);
    const role = normalizeRole(params?.role);
    const found = await this.findOrThrow(caller, params?.id);
    if (found.role === role) return toUserResource(found);
    const updated = await this.changeUser(caller, found.id, async (manager, user, owners) => {
      if (user.role === 'owner' && role !== 'owner' && owners === 1) {
        throw new PayrailError('parameter_invalid', "This user is the merchant's only owner: make another user an owner before changing this one's role.", {
          param: 'role',
        });
      }
      await this.users.updateRole(manager, user.id, role);
      return Object.assign(new UserEntity(), user, { role });
    });
    return toUserResource(updated);
  }

  /** Removes the user and ends all their sessions at once; their username is free again. */
  async delete(caller: Caller, id: string): Promise<DeletedUserResource> {
    assertLiveCaller(caller);
    const found = await this.findOrThrow(caller, id);
    await this.changeUser(caller, found.id, async (manager, user, owners) => {
      if (user.role === 'owner' && owners === 1) {
        throw new PayrailError('parameter_invalid', "This user is the merchant's only owner: make another user an owner before removing this one.", {
          param: 'id',
        });
      }
      await this.users.delete(manager, user.id);
    });
    return toDeletedUserResource(found.id);
  }

  /**
   * Runs `change` in a transaction that has ended every session of the user and holds their row and the
   * merchant's owners' (see UsersRepository.lockOwnersAnd), given how many owners there are. A refusal
   * rolls all of it back.
   */
  private async changeUser<R>(
    caller: Caller,
    id: string,
    change: (manager: EntityManager, user: UserEntity, owners: number) => Promise<R>,
  ): Promise<R> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      // Their sessions before their row: a refresh in flight holds its token's row and then needs the
      // user's (its insert checks the foreign key), so the other order could deadlock with it.
      await this.sessions.endAllSessionsOf(manager, id, now);
      const locked = await this.users.lockOwnersAnd(manager, caller.merchantId, id);
      const user = locked.find((row) => row.id === id);
      if (!user) throw PayrailError.notFound('user', id, 'id');
      // Again under the user's lock: a login that committed in between is ended too, and no new token
      // of theirs can be stored until this commits.
      await this.sessions.endAllSessionsOf(manager, id, now);
      return change(manager, user, locked.filter((row) => row.role === 'owner').length);
    });
  }

  private async findOrThrow(caller: Caller, id: unknown): Promise<UserEntity> {
    const user = typeof id === 'string' ? await this.users.findForMerchant(caller.merchantId, id) : null;
    if (!user) throw PayrailError.notFound('user', String(id), 'id');
    return user;
  }
}

function assertLiveCaller(caller: Caller): void {
  if (!caller.livemode) {
    throw new PayrailError(
      'permission_denied',
      'Users can only be added, changed or removed in live mode, as they log in to both modes: use a live secret key, or log in with livemode: true.',
    );
  }
}

import type { DeletedUserResource, UserResource } from '@payrail/contracts';
import type { UserEntity } from '../merchants/user.entity.js';

/** Never the password hash; the password itself only when given, in the answer that generated it. */
export function toUserResource(entity: UserEntity, generatedPassword?: string): UserResource {
  return {
    id: entity.id,
    object: 'user',
    username: entity.username,
    role: entity.role,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    ...(generatedPassword === undefined ? {} : { password: generatedPassword }),
  };
}

export function toDeletedUserResource(id: string): DeletedUserResource {
  return { id, object: 'user', deleted: true };
}

import { UserEntity } from '../merchants/user.entity.js';
import { toDeletedUserResource, toUserResource } from './user.mapper.js';

const entity = Object.assign(new UserEntity(), {
  id: 'usr_1',
  merchantId: 'mch_1',
  username: 'ada@example.com',
  passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==',
  role: 'developer' as const,
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
});

describe('toUserResource', () => {
  it('shows the user without its password hash or merchant', () => {
    const resource = toUserResource(entity);
    expect(resource).toEqual({ id: 'usr_1', object: 'user', username: 'ada@example.com', role: 'developer', created: 1767323045 });
    expect(JSON.stringify(resource)).not.toContain('scrypt');
  });

  it('shows a generated password only when given it', () => {
    expect(toUserResource(entity, 'generated-password-123')).toMatchObject({ password: 'generated-password-123' });
    expect(toUserResource(entity)).not.toHaveProperty('password');
  });
});

describe('toDeletedUserResource', () => {
  it('is shaped as Stripe shapes a deleted object', () => {
    expect(toDeletedUserResource('usr_1')).toEqual({ id: 'usr_1', object: 'user', deleted: true });
  });
});

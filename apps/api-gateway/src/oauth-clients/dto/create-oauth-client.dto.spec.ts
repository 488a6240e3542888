import 'reflect-metadata';
import { OAuthScopes } from '@payrail/contracts';
import { validationExceptionFactory } from '@payrail/errors';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import qs from 'qs';
import { CreateOAuthClientDto } from './create-oauth-client.dto.js';

/** What the edge's global ValidationPipe makes of a body: the DTO, or the error envelope's fields. */
async function parsed(body: Record<string, unknown>): Promise<CreateOAuthClientDto | { code: string; param?: string; message: string }> {
  const dto = plainToInstance(CreateOAuthClientDto, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return dto;
  const error = validationExceptionFactory(errors);
  return { code: error.code, param: error.param, message: error.message };
}

const form = (body: string) => qs.parse(body) as Record<string, unknown>;

describe('CreateOAuthClientDto', () => {
  it('takes scopes as a form array (scopes[]=…), a lone form value, or a JSON array, and livemode as a form string', async () => {
    await expect(parsed(form('name=Reports&scopes[]=payments:read&scopes[]=accounts:read&livemode=true'))).resolves.toEqual(
      Object.assign(new CreateOAuthClientDto(), { name: 'Reports', scopes: ['payments:read', 'accounts:read'], livemode: true }),
    );
    await expect(parsed(form('name=Reports&scopes=payments:read'))).resolves.toMatchObject({ scopes: ['payments:read'] });
    await expect(parsed({ name: 'Reports', scopes: ['refunds:write'] })).resolves.toMatchObject({ scopes: ['refunds:write'] });
    const defaults = await parsed({ name: 'Defaults' });
    expect(defaults).toMatchObject({ name: 'Defaults' });
    expect(defaults).not.toHaveProperty('scopes');
    expect(defaults).not.toHaveProperty('livemode');
  });

  it('names an unknown scope, with the catalogue, under param scopes', async () => {
    await expect(parsed(form('name=x&scopes[]=payments:read&scopes[]=payments:delete'))).resolves.toEqual({
      code: 'parameter_invalid',
      param: 'scopes',
      message: `Invalid scopes: unknown scope 'payments:delete'. The scopes are: ${OAuthScopes.join(', ')}.`,
    });
  });

  it.each([
    ['an empty list', form('name=x&scopes='), 'scopes', /at least one scope/],
    ['a duplicate', { name: 'x', scopes: ['payments:read', 'payments:read'] }, 'scopes', /'payments:read' is listed more than once/],
    ['a space-separated string, which is one unknown scope', form('name=x&scopes=payments:read payments:write'), 'scopes', /unknown scope 'payments:read payments:write'/],
    ['a number for a scope', { name: 'x', scopes: [7] }, 'scopes', /unknown scope a number/],
    ['a blank name', { name: '   ' }, 'name', /must not be blank/],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name', /100/],
    ['a livemode that is no boolean', form('name=x&livemode=maybe'), 'livemode', /boolean/],
  ])('refuses %s with parameter_invalid', async (_name, body, param, message) => {
    const result = (await parsed(body)) as { code: string; param: string; message: string };
    expect({ code: result.code, param: result.param }).toEqual({ code: 'parameter_invalid', param });
    expect(result.message).toMatch(message);
  });

  it('refuses a missing name and an unknown parameter', async () => {
    await expect(parsed({ scopes: ['payments:read'] })).resolves.toMatchObject({ code: 'parameter_missing', param: 'name' });
    await expect(parsed({ name: 'x', scope: 'payments:read' })).resolves.toMatchObject({ code: 'parameter_unknown', param: 'scope' });
  });
});

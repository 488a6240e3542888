import { IsOptional, IsString, ValidateIf } from 'class-validator';

/**
 * The document's body names the client (`{"client_id": 1}`); the signed request already does, and only
 * the key that signed it is regenerated, so the field is accepted for the document's sake and not used.
 */
export class RegenerateKeysDto {
  @IsOptional()
  @ValidateIf((_dto, value) => typeof value !== 'number')
  @IsString({ message: 'client_id must be a number or a string' })
  client_id?: string | number;
}

import { IsBoolean, IsOptional, IsString, registerDecorator } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToBoolean } from '../../common/transforms.js';

export class ListDisputesDto extends ListQueryDto {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
}

/** A flat object of text values (evidence fields run longer than metadata's 500 characters). */
function IsTextFields() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTextFields',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an object of text fields` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((field) => typeof field === 'string'),
      },
    });
}

/** `evidence[field]=text`: which fields exist and their length are the refunds service's rules (a 400 naming the field). */
export class UpdateDisputeDto {
  @IsOptional() @IsTextFields() evidence?: Record<string, string>;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
  @IsOptional() @ToBoolean() @IsBoolean() submit?: boolean;
}

import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

const UP_OR_DOWN: ApiPropertyOptions = { type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] } };

/** `/health`: the platform, each service by name (`api-gateway`, `auth`, `payments`…) up or down. */
export class PlatformHealthResource {
  /** `ok` with a 200 when every service answers; `unavailable` with a 503 otherwise. */
  status: 'ok' | 'unavailable';
  @ApiProperty(UP_OR_DOWN)
  services: Record<string, 'up' | 'down'>;
}

/** `/health/ready`: what this edge needs to serve (`database`, `broker`), each up or down. */
export class ReadinessResource {
  /** `ok` with a 200 when every check passes; `unavailable` with a 503 otherwise. */
  status: 'ok' | 'unavailable';
  @ApiProperty(UP_OR_DOWN)
  checks: Record<string, 'up' | 'down'>;
}

/** `/health/live`: this process answers. */
export class LivenessResource {
  status: 'ok';
}

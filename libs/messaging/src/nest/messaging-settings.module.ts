import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { INBOX_RETENTION_DAYS } from '../tokens.js';

/** What the process settings say about messaging, for every module of a service (its entry point validated them). */
export interface MessagingSettings {
  inboxRetentionDays?: number;
}

@Global()
@Module({})
export class MessagingSettingsModule {
  static forRoot(settings: MessagingSettings): DynamicModule {
    const providers = settings.inboxRetentionDays === undefined ? [] : [{ provide: INBOX_RETENTION_DAYS, useValue: settings.inboxRetentionDays }];
    return { module: MessagingSettingsModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}

/** A service's root module, with the process's messaging settings beside what it imports. */
export function withMessagingSettings(module: Type<unknown> | DynamicModule, settings: MessagingSettings): DynamicModule {
  const dynamic: DynamicModule = 'module' in module ? module : { module };
  return { ...dynamic, imports: [...(dynamic.imports ?? []), MessagingSettingsModule.forRoot(settings)] };
}

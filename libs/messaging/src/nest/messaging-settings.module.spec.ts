import { Inject, Injectable, Module, Optional } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { INBOX_RETENTION_DAYS } from '../tokens.js';
import { withMessagingSettings } from './messaging-settings.module.js';

@Injectable()
class RetentionReader {
  constructor(@Optional() @Inject(INBOX_RETENTION_DAYS) readonly retentionDays?: number) {}
}

/** A provider deep in a service's modules, as the inbox purger is inside MessagingModule. */
@Module({ providers: [RetentionReader], exports: [RetentionReader] })
class FeatureModule {}

@Module({ imports: [FeatureModule] })
class ServiceModule {}

describe('withMessagingSettings: the process settings reach every module of a service', () => {
  it('provides the inbox retention to a provider of an imported module, the service module given as a class or a dynamic module', async () => {
    for (const root of [ServiceModule, { module: ServiceModule, imports: [FeatureModule] }]) {
      const app = await Test.createTestingModule({ imports: [withMessagingSettings(root, { inboxRetentionDays: 45 })] }).compile();
      expect(app.get(RetentionReader).retentionDays).toBe(45);
      await app.close();
    }
  });

  it('provides nothing when the setting is unset, so the purger keeps its default', async () => {
    const app = await Test.createTestingModule({ imports: [withMessagingSettings(ServiceModule, {})] }).compile();
    expect(app.get(RetentionReader).retentionDays).toBeUndefined();
    await app.close();
  });
});

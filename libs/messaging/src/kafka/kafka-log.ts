import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/** Routes kafkajs's own log lines into the service's structured logger. */
export const kafkaLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
  };
};

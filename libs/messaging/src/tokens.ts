export const MESSAGE_BROKER = Symbol('MESSAGE_BROKER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

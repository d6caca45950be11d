import {
  isGraphqlCommand,
  isGraphqlOptions,
  type GraphqlCommand,
  type GraphqlOptions,
  type GraphqlStatus,
} from './graphql-messages';
import { isMqttCommand, isMqttOptions, type MqttCommand, type MqttOptions, type MqttStatus } from './mqtt-messages';
import {
  isSocketIoCommand,
  isSocketIoOptions,
  type SocketIoCommand,
  type SocketIoOptions,
  type SocketIoStatus,
} from './socket-io-messages';
import {
  isStompCommand,
  isStompOptions,
  type StompCommand,
  type StompOptions,
  type StompStatus,
} from './stomp-messages';

/**
 * What crosses the popup → background port for protocol sessions: options to start one,
 * commands to run in it, and the status it reports. Plain data, each with a guard: the
 * background never trusts what a port delivers.
 */
export type SessionOptions = SocketIoOptions | StompOptions | MqttOptions | GraphqlOptions;
export type SessionCommand = SocketIoCommand | StompCommand | MqttCommand | GraphqlCommand;
export type SessionStatus = SocketIoStatus | StompStatus | MqttStatus | GraphqlStatus;

export const isSessionOptions = (x: unknown): x is SessionOptions =>
  isSocketIoOptions(x) || isStompOptions(x) || isMqttOptions(x) || isGraphqlOptions(x);

export const isSessionCommand = (x: unknown): x is SessionCommand =>
  isSocketIoCommand(x) || isStompCommand(x) || isMqttCommand(x) || isGraphqlCommand(x);

export type { GraphqlCommand, GraphqlOptions, GraphqlStatus } from './graphql-messages';
export type { MqttCommand, MqttOptions, MqttStatus } from './mqtt-messages';
export type { SocketIoCommand, SocketIoOptions, SocketIoStatus } from './socket-io-messages';
export type { StompCommand, StompOptions, StompStatus } from './stomp-messages';

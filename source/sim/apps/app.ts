import type { TcpState } from '../tcp/api.js';
import type { Micros } from '../time.js';
import type { SocketId } from '../trace.js';
import type { AppProtocol } from '../build.js';

/** What an application sees of its TCP socket: the calls a program makes on a real one. */
export interface AppSocket {
  readonly id: SocketId;
  readonly state: TcpState;
  /** In-order bytes received and not yet read. */
  readonly readable: number;
  /** Bytes written by the app and not yet taken into TCP's send buffer. */
  readonly queued: number;
  /** The peer has sent FIN and every byte before it has been read. */
  readonly peerClosed: boolean;
  readonly now: Micros;
  /** Queues bytes; they go into TCP's send buffer as room appears. */
  write(data: Uint8Array): void;
  /** Takes up to `max` bytes (default: all) from the receive buffer. */
  read(max?: number): Uint8Array;
  /** FIN once every queued byte is in the send buffer. */
  close(): void;
  abort(): void;
  /** Runs `fn` after `delay` of virtual time (a program's own timer). */
  later(delay: Micros, fn: () => void): void;
}

/** Callbacks an application gives a socket; each is optional. */
export interface TcpApp {
  /** How the trace names what this app writes: `http`, `dns` or plain `data`. */
  readonly protocol: AppProtocol;
  /** The connection reached ESTABLISHED. */
  onOpen?(s: AppSocket): void;
  /** New in-order bytes can be read. */
  onData?(s: AppSocket): void;
  /** Everything queued was taken by TCP; the app may write more. */
  onWritable?(s: AppSocket): void;
  /** The peer closed its side (FIN) and all its data was read. */
  onPeerClosed?(s: AppSocket): void;
  /** The connection is gone (CLOSED). */
  onClosed?(s: AppSocket): void;
}

/** Makes a fresh app for each connection a listener accepts. */
export type TcpAppFactory = () => TcpApp;

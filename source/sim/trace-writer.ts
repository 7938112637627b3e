// The one way a receiver's steps get into a trace. The simulator's hosts and routers and
// replay's inference from a real capture write their checks, strips and drops through
// these functions, so every trace has the same step kinds with the same facts: the layer
// and unit of a strip come from the protocol table, never from the caller.
import { PROTOCOLS, type Layer, type Protocol } from '../wire/protocols.js';
import type { DropReason } from './reasons.js';
import type { SegmentVerdict } from './tcp/api.js';
import type { Micros } from './time.js';
import type { CheckKind, FrameId, NodeName, Step } from './trace.js';

/** Where steps go: the simulator's Recorder, or replay's. */
export interface StepSink {
  step(s: Step): void;
}

/** A receiving check on a frame's header. */
export function checkStep(
  t: Micros, node: NodeName, frame: FrameId, layer: Layer, check: CheckKind, ok: boolean, expected: string, actual: string,
  more: { readonly verdict?: SegmentVerdict; readonly offload?: true } = {},
): Step {
  return { t, kind: 'decap-check', node, frame, layer, check, ok, expected, actual, ...more };
}

/** `protocol` has checked its header and removes it: its PDU of `length` bytes (header and all it carries) is taken apart. */
export function stripStep(t: Micros, node: NodeName, frame: FrameId, protocol: Protocol, length: number): Step {
  const { layer, pdu } = PROTOCOLS[protocol];
  return { t, kind: 'decap-strip', node, frame, layer, protocol, pdu, length };
}

/** The receiver discards the frame at `layer`, for a typed reason. */
export function dropStep(t: Micros, node: NodeName, frame: FrameId, layer: Layer, reason: DropReason): Step {
  return { t, kind: 'drop', node, frame, layer, reason };
}

/** Writes one node's receiving steps for one frame, at the sink's current time. */
export class ReceiveWriter {
  constructor(
    private readonly sink: StepSink,
    private readonly now: () => Micros,
    readonly node: NodeName,
    readonly frame: FrameId,
  ) {}

  check(layer: Layer, check: CheckKind, ok: boolean, expected: string, actual: string, more: { readonly verdict?: SegmentVerdict; readonly offload?: true } = {}): void {
    this.sink.step(checkStep(this.now(), this.node, this.frame, layer, check, ok, expected, actual, more));
  }

  strip(protocol: Protocol, length: number): void {
    this.sink.step(stripStep(this.now(), this.node, this.frame, protocol, length));
  }

  drop(layer: Layer, reason: DropReason): void {
    this.sink.step(dropStep(this.now(), this.node, this.frame, layer, reason));
  }
}

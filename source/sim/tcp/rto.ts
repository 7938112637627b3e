// The retransmission timeout, computed as RFC 6298 prescribes.
import { MS, SECOND, type Micros } from '../time.js';
import type { TcpConfig } from './api.js';

/** RFC 6298 §2: alpha = 1/8, beta = 1/4, K = 4. */
const ALPHA = 1 / 8;
const BETA = 1 / 4;
const K = 4;
/** G, the clock granularity of RFC 6298 §2; Linux's timers tick in milliseconds. */
const CLOCK_GRANULARITY: Micros = 1 * MS;
/** RFC 6298 §5.7: the RTO to use once a handshake whose SYN timed out completes. */
const RTO_AFTER_SYN_TIMEOUT: Micros = 3 * SECOND;

export class RtoEstimator {
  private srtt: Micros | null = null;
  private rttvar: Micros = 0;
  private rto: Micros;

  constructor(private readonly config: Pick<TcpConfig, 'rtoInitial' | 'rtoMin' | 'rtoMax'>) {
    this.rto = config.rtoInitial; // §2.1
  }

  get current(): Micros {
    return this.rto;
  }

  /** One round-trip measurement R, taken only from a segment sent once (Karn, §3). */
  sample(r: Micros): void {
    if (this.srtt === null) {
      // §2.2: the first measurement.
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      // §2.3: RTTVAR first, since it uses the old SRTT.
      this.rttvar = (1 - BETA) * this.rttvar + BETA * Math.abs(this.srtt - r);
      this.srtt = (1 - ALPHA) * this.srtt + ALPHA * r;
    }
    this.rto = this.clamp(Math.round(this.srtt + Math.max(CLOCK_GRANULARITY, K * this.rttvar)));
  }

  /** §5.5: each timeout doubles the RTO, up to the maximum. */
  backOff(): void {
    this.rto = this.clamp(this.rto * 2);
  }

  /** §5.7: the SYN timed out and no sample exists, so data starts with a cautious RTO. */
  afterSynTimeout(): void {
    if (this.srtt === null && this.config.rtoInitial < RTO_AFTER_SYN_TIMEOUT) this.rto = this.clamp(RTO_AFTER_SYN_TIMEOUT);
  }

  /** §2.4 (a minimum) and §2.5 (a maximum). */
  private clamp(rto: Micros): Micros {
    return Math.min(this.config.rtoMax, Math.max(this.config.rtoMin, rto));
  }
}

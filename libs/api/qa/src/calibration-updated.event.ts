import type { CalibrationUpdated } from '@switchboard/shared-contracts';

/** Raised after a calibration review was submitted or the session closed (committed). The realtime module tells the participants. */
export class CalibrationUpdatedEvent {
  static readonly eventName = 'qa.calibration_updated';

  constructor(
    readonly update: CalibrationUpdated,
    readonly participantIds: readonly string[],
  ) {}
}

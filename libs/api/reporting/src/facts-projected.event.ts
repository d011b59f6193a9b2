/** Domain event: facts of these clients changed (the live report listens). */
export class FactsProjectedEvent {
  constructor(readonly clientIds: readonly string[]) {}
}

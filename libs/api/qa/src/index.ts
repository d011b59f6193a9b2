export * from './qa.module';
export * from './evaluation-submitted.event';
export * from './dispute-updated.event';
export * from './evaluations-assigned.event';
export * from './sampling.job';
export * from './sampling-draw.service';
export * from './autoqa.job';
export * from './calibration-updated.event';

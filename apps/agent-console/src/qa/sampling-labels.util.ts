import type { SamplingDrawView, SamplingPeriodKind, SamplingPolicy, SamplingQuota, TargetedRule } from '@switchboard/shared-contracts';

export const PERIOD_LABELS: Record<SamplingPeriodKind, string> = { day: 'Daily', week: 'Weekly', month: 'Monthly' };

export function quotaText(quota: SamplingQuota): string {
  return quota.kind === 'count' ? `${quota.count} per agent` : `${quota.percent} % per agent, at least ${quota.minimum}`;
}

export function ruleText(rule: TargetedRule): string {
  switch (rule.kind) {
    case 'low_csat':
      return `CSAT ${rule.maxScore} or lower`;
    case 'long_handle':
      return `handled ${Math.round(rule.minSeconds / 60)} min or longer`;
    case 'transferred':
      return 'transferred';
    case 'escalated':
      return 'escalated';
    case 'autoqa_flag':
      return rule.flags?.length ? `AutoQA flag ${rule.flags.join(', ')}` : 'any AutoQA flag';
  }
}

export function policyText(policy: SamplingPolicy): string {
  const parts = [quotaText(policy.quota), policy.capPerAgent === null ? 'no cap' : `cap ${policy.capPerAgent}`, policy.stratifyByChannel ? 'by channel' : 'all channels together'];
  return parts.join(' · ');
}

export function drawText(draw: SamplingDrawView): string {
  if (draw.status === 'failed') return `Failed after ${draw.attempts} attempt${draw.attempts === 1 ? '' : 's'}${draw.error ? `: ${draw.error}` : ''}`;
  if (draw.status !== 'done') return draw.status === 'running' ? 'Drawing…' : 'Waiting to run';
  const leads = draw.assignments.map((a) => `${a.leadName} ${a.assigned}`).join(', ');
  return `${draw.randomDrawn} random + ${draw.targetedDrawn} targeted${leads ? ` · ${leads}` : ''}${draw.unassigned ? ` · ${draw.unassigned} unassigned` : ''}`;
}

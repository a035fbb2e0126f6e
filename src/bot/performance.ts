import type { PerformanceCommand } from '../commands/build/performance.ts';
import { checkMonth, lockMonth } from '../core/performance/finance.ts';
import { agreeGoal, listGoals, setGoal } from '../core/performance/goals.ts';
import { submitPlan } from '../core/performance/plan.ts';
import { showKpi } from '../core/performance/show-kpi.ts';
import type { Actor, CoreDeps, CoreResult } from '../core/ports.ts';
import type { ViewContext } from '../views/view-context.ts';
import { financeView, goalAgreedView, goalChangedView, goalSetView, goalsView, kpiView, planSavedView } from '../views/performance-views.ts';
import type { View } from '../views/view.ts';
import { viewOf } from './view-of.ts';

/** `/kpi`, `/plan`, `/goal`, `/finance` (KPI-1..7): the use case each runs and the view of its answer. */
export async function executePerformance(deps: CoreDeps, ctx: ViewContext, actor: Actor, command: PerformanceCommand): Promise<View> {
  const view = <T>(result: CoreResult<T>, render: (value: T) => View): View => viewOf(ctx.t, result, render);
  switch (command.action) {
    case 'kpi':
      return view(await showKpi(deps, actor, command.query), (report) => kpiView(ctx, report, command.page));
    case 'plan':
      return view(await submitPlan(deps, actor, command.text), (saved) => planSavedView(ctx, saved));
    case 'goal_set':
      return view(await setGoal(deps, actor, command.input), ({ goal, person }) => goalSetView(ctx, goal, person));
    case 'goal_agree': {
      const result = await agreeGoal(deps, actor, command.month, command.version);
      if (!result.ok && result.code === 'goal_changed') return goalChangedView(ctx, result.details);
      return view(result, (goal) => goalAgreedView(ctx, goal));
    }
    case 'goal_list':
      return view(await listGoals(deps, actor), (overview) => goalsView(ctx, overview));
    case 'finance_check':
      return view(await checkMonth(deps, actor, command.month), (figures) => financeView(ctx, figures));
    case 'finance_lock':
      return view(await lockMonth(deps, actor, command.month), (figures) => financeView(ctx, figures, true));
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled performance command ${JSON.stringify(unhandled)}`);
    }
  }
}

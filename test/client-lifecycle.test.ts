// The change-request stepper's steps, from the server's lifecycle table and a request's transitions.
import { describe, expect, it } from 'vitest';
import { lifecycleSteps, remainingPath } from '../client/app/lifecycle.js';
import { MACHINES } from '../server/change-requests/lifecycle.js';

const lifecycle = (cls: keyof typeof MACHINES) => Object.entries(MACHINES[cls].states).map(([status, s]) => ({ status, label: s.label }));
const moves = (...to: string[]) => to.map((s) => ({ kind: 'transition', to: s }));
const summary = (steps: ReturnType<typeof lifecycleSteps>) => steps.map((s) => `${s.status}:${s.state}${s.here ? '*' : ''}`);

describe('remainingPath', () => {
  it('goes the shortest way to done, never by rejection', () => {
    expect(remainingPath('videreudvikling', 'oprettet')).toEqual(['anbefalet', 'godkendt', 'i_gang', 'udfoert']);
    expect(remainingPath('lovvedligehold', 'krav_opdateret')).toEqual(['aftalt', 'udfoert']);
    expect(remainingPath('genudbud', 'godkendt')).toEqual(['udbudt', 'afsluttet']);
    expect(remainingPath('teknisk', 'udfoert')).toEqual([]);
  });
});

describe('lifecycleSteps', () => {
  it('marks the steps passed, the current one and those to come', () => {
    const steps = lifecycleSteps({ class: 'videreudvikling', status: 'anbefalet', closed: false, lifecycle: lifecycle('videreudvikling'), events: moves('oprettet', 'anbefalet') });
    expect(summary(steps)).toEqual(['oprettet:done', 'anbefalet:current*', 'godkendt:upcoming', 'i_gang:upcoming', 'udfoert:upcoming']);
    expect(steps[1]!.label).toBe('Anbefalet af faggruppen');
  });

  it('ends a rejected request at the rejection, with nothing to come', () => {
    const steps = lifecycleSteps({ class: 'videreudvikling', status: 'afvist', closed: true, lifecycle: lifecycle('videreudvikling'), events: moves('oprettet', 'anbefalet', 'afvist') });
    expect(summary(steps)).toEqual(['oprettet:done', 'anbefalet:done', 'afvist:rejected*']);
  });

  it('shows a done request as done throughout', () => {
    const steps = lifecycleSteps({ class: 'teknisk', status: 'udfoert', closed: true, lifecycle: lifecycle('teknisk'), events: moves('oprettet', 'i_gang', 'udfoert') });
    expect(summary(steps)).toEqual(['oprettet:done', 'i_gang:done', 'udfoert:done*']);
  });

  it('leaves out statuses of the class before a correction', () => {
    const events = [...moves('oprettet', 'aftalt'), { kind: 'class', to: 'videreudvikling' }, { kind: 'comment', to: null }];
    const steps = lifecycleSteps({ class: 'videreudvikling', status: 'oprettet', closed: false, lifecycle: lifecycle('videreudvikling'), events });
    expect(summary(steps)[0]).toBe('oprettet:current*');
    expect(steps).toHaveLength(5);
  });
});

describe('lifecycleSteps for a request with gaps in its record', () => {
  it('keeps the step a drafted request left, though it was never recorded as reached', () => {
    // The impact page's drafts start in "Til lovudredning" without a transition; the first one recorded leaves it.
    const events = [{ kind: 'transition', from: 'oprettet', to: 'udredt' }];
    const steps = lifecycleSteps({ class: 'lovvedligehold', status: 'udredt', closed: false, lifecycle: lifecycle('lovvedligehold'), events });
    expect(summary(steps).slice(0, 3)).toEqual(['oprettet:done', 'udredt:current*', 'krav_opdateret:upcoming']);
    expect(steps[0]!.label).toBe('Til lovudredning');
  });

  it('shows the way from the start as done when a request was put in its status with no moves recorded', () => {
    const steps = lifecycleSteps({ class: 'videreudvikling', status: 'godkendt', closed: false, lifecycle: lifecycle('videreudvikling'), events: [] });
    expect(summary(steps)).toEqual(['oprettet:done', 'anbefalet:done', 'godkendt:current*', 'i_gang:upcoming', 'udfoert:upcoming']);
  });

  it('does not repeat a step for a deferral, which moves from a status to itself', () => {
    const events = [...moves('oprettet', 'anbefalet'), { kind: 'transition', from: 'anbefalet', to: 'anbefalet' }];
    const steps = lifecycleSteps({ class: 'videreudvikling', status: 'anbefalet', closed: false, lifecycle: lifecycle('videreudvikling'), events });
    expect(summary(steps).slice(0, 2)).toEqual(['oprettet:done', 'anbefalet:current*']);
  });
});

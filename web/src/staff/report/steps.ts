// Which lifecycle steps the signed-in member may take on a report now (docs/openapi.yaml, "The
// life of a report"), and the words of each: the button that opens its form, and the form's
// submit button. The server has the last word; this only keeps impossible steps off the screen.
import type { Role } from '../../shared/api';
import type { StaffAction, StaffReport } from '../../shared/api/staff';
import type { Key } from '../i18n';
import { routes, worksForUnit, writesNotes } from '../roles';

export interface Step {
  action: StaffAction;
  transfer?: boolean; // assign from `assigned`: to another unit
  open: Key; // the button that shows the form
  submit: Key; // the form's submit button
  done: Key; // the notice after success ({code})
  danger?: boolean;
}

export function stepsFor(role: Role, report: StaffReport): Step[] {
  const s = report.status;
  const steps: Step[] = [];
  if (routes(role)) {
    if (s === 'received') steps.push({ action: 'assign', open: 'act.assign', submit: 'act.assign_submit', done: 'act.assign_done' });
    if (s === 'assigned')
      steps.push({ action: 'assign', transfer: true, open: 'act.transfer', submit: 'act.transfer_submit', done: 'act.transfer_done' });
    if (s === 'received' || s === 'assigned' || s === 'in_progress')
      steps.push({ action: 'reclassify', open: 'act.reclassify', submit: 'act.reclassify_submit', done: 'act.reclassify_done' });
    if (s === 'received') {
      steps.push({ action: 'merge', open: 'act.merge', submit: 'act.merge_submit', done: 'act.merge_done' });
      steps.push({ action: 'reject', open: 'act.reject', submit: 'act.reject_submit', done: 'act.reject_done', danger: true });
    }
  }
  if (worksForUnit(role)) {
    if (s === 'assigned') {
      steps.push({ action: 'accept', open: 'act.accept', submit: 'act.accept_submit', done: 'act.accept_done' });
      steps.push({ action: 'hand-back', open: 'act.hand_back', submit: 'act.hand_back_submit', done: 'act.hand_back_done', danger: true });
    }
    if (s === 'in_progress') {
      steps.push({ action: 'progress', open: 'act.progress', submit: 'act.progress_submit', done: 'act.progress_done' });
      steps.push({ action: 'resolve', open: 'act.resolve', submit: 'act.resolve_submit', done: 'act.resolve_done' });
    }
  }
  if (writesNotes(role)) steps.push({ action: 'note', open: 'act.note', submit: 'act.note_submit', done: 'act.note_done' });
  return steps;
}

/** Extracts the error type and message a person should see from a failed activity. */
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';

/** The root cause of a workflow-side failure: the activity's error type and message. */
export function describeFailure(error: unknown): { type: string; message: string } {
  let cause: unknown = error;
  while (cause instanceof ActivityFailure && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message };
  if (cause instanceof TimeoutFailure)
    return { type: 'Timeout', message: `activity timed out (${cause.timeoutType})` };
  if (cause instanceof Error) return { type: cause.name, message: cause.message };
  return { type: 'Error', message: String(cause) };
}

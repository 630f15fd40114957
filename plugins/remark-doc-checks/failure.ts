/**
 * Errors that fail the site build over a page's findings, printed so that
 * each finding shows once and no stack frame does: the frames would show
 * only this plugin's and Docusaurus's code, which tell the writer of the
 * page nothing.
 *
 * Rspack prints a failed loader's `error.stack`. An error from a remark
 * plugin reaches it wrapped by Docusaurus's MDX loader, whose message is
 * `Cause: <our message> Details: <our stack>` followed by the wrapper's own
 * frames; so our stack must not repeat the findings, and the wrapper must be
 * created without frames.
 */

/** For a remark plugin: the findings in the message, a line of advice as the stack. */
export function remarkPageFailure(message: string): Error {
  const error = new Error(message);
  error.stack = 'Fix the findings above and build again.';
  // The MDX loader wraps this error a few microtasks later, in its own
  // `catch`; no frames are recorded until the current turn of the event
  // loop ends. Errors raised meanwhile by other pages are build failures too.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  setImmediate(() => {
    Error.stackTraceLimit = limit;
  });
  return error;
}

/** For the markdown preprocessor, whose error Rspack prints unwrapped: the message alone. */
export function preprocessorPageFailure(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

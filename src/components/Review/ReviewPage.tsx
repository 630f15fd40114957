/**
 * One plan's review page: the checkpoint(s) to approve with their
 * checklists, the machine-checked must_haves, and the exact commands that
 * record the reviewer's decision.
 */
import CodeBlock from '@theme/CodeBlock';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import type { ReviewData } from '../../../plugins/docusaurus-plugin-review/review-data';
import Checklist from './Checklist';
import InlineText from './InlineText';
import StatusBadge from './StatusBadge';
import styles from './styles.module.css';

/** Plans often name a task "Task 3: Review ..." already. */
function taskTitle(task: number, name: string): string {
  return /^task \d+\b/i.test(name) ? name : `Task ${task}: ${name}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export default function ReviewPage({ review }: { review: ReviewData }): ReactNode {
  return (
    <Layout title={`Review ${review.slug}`} description={`Review checkpoint of plan ${review.plan}`}>
      <main className={`container margin-vert--lg ${styles.page}`}>
        <Heading as="h1">Review: plan {review.slug}</Heading>
        <p>
          Plan file: <code>{review.plan}</code>
        </p>
        {review.problems.length > 0 && (
          <div className="alert alert--danger" role="alert">
            The plan could not be read completely:
            <ul>
              {review.problems.map((p) => (
                <li key={`${p.line}:${p.column}`}>
                  line {p.line}: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {review.checkpoints.length === 0 && <p>This plan has no checkpoint to review.</p>}
        {review.checkpoints.map((checkpoint) => (
          <section key={checkpoint.task} className={styles.checkpoint}>
            <Heading as="h2" id={`task-${checkpoint.task}`}>
              {taskTitle(checkpoint.task, checkpoint.name)}
            </Heading>
            <p>
              <StatusBadge status={checkpoint.status} /> <code>{checkpoint.type}</code> · gate <code>{checkpoint.gate}</code>
              {checkpoint.status === 'approved' && !checkpoint.pinned && <> · not pinned to content</>}
            </p>
            <ul className={styles.details} data-testid="checkpoint-details">
              {checkpoint.details.map((d) => (
                <li key={d}>
                  <InlineText text={d} />
                </li>
              ))}
            </ul>
            {checkpoint.changes.map((change) => (
              <div key={change.name} className={styles.change} data-testid="checkpoint-change">
                <p>
                  <InlineText text={`${change.name} ${change.what}`} />
                  {change.noDiff && (
                    <>
                      {' '}
                      ({change.noDiff})
                    </>
                  )}
                  {change.diff && ' since the review:'}
                </p>
                {change.diff && (
                  <pre className={styles.diff}>
                    {change.diff.split('\n').map((line, i) => (
                      <span key={i} className={line.startsWith('+') ? styles.added : line.startsWith('-') ? styles.removed : undefined}>
                        {line}
                        {'\n'}
                      </span>
                    ))}
                  </pre>
                )}
              </div>
            ))}
            {checkpoint.whatBuilt && (
              <>
                <Heading as="h3">What was built</Heading>
                <p>
                  <InlineText text={checkpoint.whatBuilt} />
                </p>
              </>
            )}
            <Heading as="h3">How to verify</Heading>
            <Checklist items={checkpoint.items} storageKey={checkpoint.storageKey} />
            <Heading as="h3">Record your decision</Heading>
            <p>The plan asks:</p>
            <blockquote data-testid="resume-prompt">
              <InlineText text={sentence(checkpoint.resumeSignal ?? 'Approve, or describe the changes needed')} />
            </blockquote>
            <p>
              Answer with one of these commands, from the repository root, with your name for <code>NAME</code>. An
              approval is refused while the doc checks find errors in the plan's files.
            </p>
            <div className={styles.commands} data-testid="review-commands">
              <CodeBlock language="bash" title="Approve">{`npx ${checkpoint.approveCommand}`}</CodeBlock>
              <CodeBlock language="bash" title="Request changes">{`npx ${checkpoint.requestChangesCommand}`}</CodeBlock>
              <p>
                Then commit the record, <code>{checkpoint.reviewFile}</code>, so that the pull request and the release
                see it (the command prints these lines with your name):
              </p>
              <CodeBlock language="bash" title="Commit the record">{checkpoint.commitCommands.join('\n')}</CodeBlock>
            </div>
          </section>
        ))}
        <Heading as="h2">Must-haves</Heading>
        <table>
          <thead>
            <tr>
              <th>Artifact</th>
              <th>Status</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {review.artifacts.map((a) => (
              <tr key={a.path}>
                <td>
                  <code>{a.path}</code>
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td>
                  <InlineText text={a.details.join('; ')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <thead>
            <tr>
              <th>Key link</th>
              <th>Pattern</th>
              <th>Status</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {review.keyLinks.map((k) => (
              <tr key={`${k.from}->${k.to}`}>
                <td>
                  <code>{k.from}</code> → <code>{k.to}</code>
                </td>
                <td>{k.pattern !== null ? <code>{k.pattern}</code> : '—'}</td>
                <td>
                  <StatusBadge status={k.status} />
                </td>
                <td>
                  <InlineText text={k.detail} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Heading as="h3">Truths</Heading>
        <p>Truths are prose: no check proves them. Each is listed with the evidence of the checks that share its ids or words, for you to judge.</p>
        <ul>
          {review.truths.map((t) => (
            <li key={t.truth}>
              {t.truth}
              {t.backedBy.length === 0 ? (
                <p className={styles.backing}>No check shares its ids or words; a person must confirm it.</p>
              ) : (
                <ul className={styles.backing}>
                  {t.backedBy.map((b) => (
                    <li key={`${b.kind}:${b.label}`}>
                      {b.kind} <code>{b.label}</code> ({b.because}): <StatusBadge status={b.status} />{' '}
                      <InlineText text={b.evidence} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </main>
    </Layout>
  );
}

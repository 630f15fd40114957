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
      <main className="container margin-vert--lg">
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
            <ul className={styles.details}>
              {checkpoint.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
            {checkpoint.whatBuilt && (
              <>
                <Heading as="h3">What was built</Heading>
                <p>{checkpoint.whatBuilt}</p>
              </>
            )}
            <Heading as="h3">How to verify</Heading>
            <Checklist items={checkpoint.items} storageKey={checkpoint.storageKey} />
            <Heading as="h3">Record your decision</Heading>
            <p>{sentence(checkpoint.resumeSignal ?? 'Approve, or describe the changes needed')} Record it from the repository root:</p>
            <CodeBlock language="bash" title="Approve">{`npx ${checkpoint.approveCommand}`}</CodeBlock>
            <CodeBlock language="bash" title="Request changes">{`npx ${checkpoint.requestChangesCommand}`}</CodeBlock>
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
                <td>{a.details.join('; ')}</td>
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
                <td>{k.detail}</td>
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
                      {b.kind} <code>{b.label}</code> ({b.because}): <StatusBadge status={b.status} /> {b.evidence}
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

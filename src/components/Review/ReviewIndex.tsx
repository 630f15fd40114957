import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import StatusBadge from './StatusBadge';

interface Summary {
  slug: string;
  plan: string;
  title: string;
  statuses: string[];
}

export default function ReviewIndex({ reviews }: { reviews: Summary[] }): ReactNode {
  return (
    <Layout title="Review" description="Review checkpoints of the plans">
      <main className="container margin-vert--lg">
        <Heading as="h1">Review checkpoints</Heading>
        <p>
          Plans in <code>.planning/</code> with the human checkpoints that gate them. Open a plan to work through its
          checklist and record a decision.
        </p>
        <ul>
          {reviews.map((r) => (
            <li key={r.slug}>
              <Link to={`/review/${r.slug}`}>Plan {r.slug}</Link>: {r.title}{' '}
              {r.statuses.map((s, i) => (
                <StatusBadge key={i} status={s} />
              ))}
            </li>
          ))}
        </ul>
      </main>
    </Layout>
  );
}

import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

interface Destination {
  title: string;
  to: string;
  action: string;
  body: ReactNode;
}

const DESTINATIONS: Destination[] = [
  {
    title: 'Hardware Validation',
    to: '/docs/hardware-validation',
    action: 'Run the test cases',
    body: (
      <>
        Step-by-step test cases <span className="home-nowrap">TC-01</span> to{' '}
        <span className="home-nowrap">TC-11</span> for a real cluster and RDS: volume lifecycle,
        NVMe/TCP connections, expansion, snapshots, and the resilience cases for network loss, RDS
        restart and node failure.
      </>
    ),
  },
  {
    title: 'Testing Guide',
    to: '/docs/testing',
    action: 'Choose a test layer',
    body: (
      <>
        Every automated layer of the driver, from unit tests to the resilience regression suite:
        what each one proves, the command that runs it, and how to read a failure.
      </>
    ),
  },
  {
    title: 'Doc Check Rules',
    to: '/rules',
    action: 'See what is checked',
    body: (
      <>
        The rules every page passes before it is published: complete test cases, warning boxes
        before disruptive steps, commands that parse, and links that reach real code.
      </>
    ),
  },
];

function Hero(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  return (
    <header className="home-hero">
      <div className="container">
        <Heading as="h1" className="home-hero__title">
          {siteConfig.title}
        </Heading>
        <p className="home-hero__tagline">
          Procedures and test guides for the Kubernetes CSI driver of the MikroTik ROSE Data
          Server: volumes over NVMe/TCP, managed over SSH.
        </p>
        <div className="home-hero__actions">
          <Link className="button button--primary button--lg" to="/docs/hardware-validation">
            Start hardware validation
          </Link>
          <Link className="button button--secondary button--lg" to="/docs/testing">
            Read the testing guide
          </Link>
        </div>
      </div>
    </header>
  );
}

function DestinationCard({ title, to, action, body }: Destination): ReactNode {
  return (
    <div className="col col--4 home-card-column">
      <Link className="home-card" to={to}>
        <Heading as="h2" className="home-card__title">
          {title}
        </Heading>
        <p className="home-card__body">{body}</p>
        <span className="home-card__action">{action} →</span>
      </Link>
    </div>
  );
}

export default function Home(): ReactNode {
  return (
    <Layout
      title="Hardware validation and testing guides"
      description="Hardware validation and testing guides for the RDS CSI driver, with executable doc checks"
    >
      <Hero />
      <main className="container home-main">
        <div className="row">
          {DESTINATIONS.map((destination) => (
            <DestinationCard key={destination.to} {...destination} />
          ))}
        </div>
        <section className="home-checked">
          <Heading as="h2">Checked on every build</Heading>
          <p>
            A guide that skips a cleanup step or warns too late can cost a volume. Each page is
            read by the doc checks while the site is built and on every pull request: a test case
            without its Cleanup, a drain without a warning box, a command that does not parse or a
            link to code that moved stops the build with the file, line and rule that failed.
          </p>
        </section>
      </main>
    </Layout>
  );
}

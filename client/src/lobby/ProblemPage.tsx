import { PROBLEMS, type Problem } from './problems.js';

/** A clear, calm page for a link or lobby that goes no further. */
export function ProblemPage({ problem }: { problem: Problem }) {
  const { title, body } = PROBLEMS[problem];
  return (
    <main id="main" className="page page--centred" tabIndex={-1}>
      <title>{`${title} — SAM Room`}</title>
      <div className="card join" data-problem={problem}>
        <p className="join__brand">SAM Room</p>
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
    </main>
  );
}

/** The heading and the opening sentence of a reporter's information page. */
export function PageHeader({ title, intro }: { title: string; intro: string }) {
  return (
    <header className="space-y-3">
      <h1 className="text-2xl font-bold sm:text-3xl">{title}</h1>
      <p className="text-lg">{intro}</p>
    </header>
  );
}

/**
 * The runtime's services, on one stack: each `use(service)` registers what stops it, and the stack
 * stops them in reverse order of start, on a failed start-up as on Ctrl-C. A service that fails to
 * stop is reported and the rest still stop (one stuck server must not keep the queues from being
 * saved), so disposing never throws and a start-up error stays the error the person sees.
 */
export class ServiceStack extends AsyncDisposableStack {
  constructor(private readonly report: (line: string) => void) {
    super();
  }

  override use<T extends AsyncDisposable | Disposable | null | undefined>(service: T): T {
    if (!service) return service;
    const stop = Symbol.asyncDispose in service ? service[Symbol.asyncDispose] : (service as Disposable)[Symbol.dispose];
    this.defer(async () => {
      try {
        await stop.call(service);
      } catch (error) {
        this.report(`while stopping: ${(error as Error).message}`);
      }
    });
    return service;
  }
}

using System.Collections.Concurrent;
using Tmds.DBus;

namespace IncusOs.Providers.Systemd;

/// <summary>
/// Collects <c>JobRemoved</c> signals from before the job path is known, so that a job finishing
/// before the method reply is read is still matched.
/// </summary>
internal sealed class JobWatcher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _jobs = new();

    public void OnJobRemoved((uint Id, ObjectPath Job, string Unit, string Result) signal) =>
        Completion(signal.Job.ToString()).TrySetResult(signal.Result);

    public Task<string> WaitAsync(ObjectPath job, CancellationToken cancellationToken) =>
        Completion(job.ToString()).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<string> Completion(string job) =>
        _jobs.GetOrAdd(job, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}

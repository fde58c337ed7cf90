using IncusOs.Providers.Process;

namespace IncusOs.Providers.Update;

/// <summary>Makes <c>images</c>, <c>local</c> and <c>operations-center</c> sources from their config.</summary>
public sealed class UpdateSourceFactory : IUpdateSourceFactory
{
    private readonly IProcessRunner _runner;
    private readonly IUpdateTarget _target;
    private readonly UpdateSourceSettings _settings;
    private readonly TimeProvider _time;

    public UpdateSourceFactory(
        IProcessRunner runner, IUpdateTarget target, UpdateSourceSettings settings, TimeProvider time)
    {
        _runner = runner;
        _target = target;
        _settings = settings;
        _time = time;
    }

    public UpdateProviderSelection Default => new() { Name = _settings.DefaultProvider };

    public IUpdateSource Create(UpdateProviderSelection selection) => selection.Name switch
    {
        "images" or "github" => new ImagesSource(
            ImagesSourceConfig.From(selection.Config, BuiltInUpdateCa.Pem),
            UpdateHttp.CreateClient(_settings.Http, null),
            new SmimeVerifier(_runner),
            _settings.Http,
            _time),
        "local" => new LocalSource(_settings.LocalDirectory, _target.OsName),
        "operations-center" => new OperationsCenterSource(
            OperationsCenterConfig.From(selection.Config), _settings.Http, _time, _settings.ClientCertificateDirectory),
        _ => throw new ProviderException($"unknown provider \"{selection.Name}\""),
    };
}

namespace IncusOs.Actors.Applications;

/// <summary>An application's configuration: nothing is configurable at this version, shown as <c>{}</c>.</summary>
public sealed record ApplicationConfig;

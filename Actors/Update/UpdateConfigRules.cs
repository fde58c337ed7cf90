namespace IncusOs.Actors.Update;

/// <summary>What a <c>PUT</c> may store: validated, windows normalised, the frequency clamped (DECISIONS.md).</summary>
public static class UpdateConfigRules
{
    /// <summary>The config to store, or the 400 message that refuses it.</summary>
    public static (SystemUpdateConfig? Config, string? Error) Accept(SystemUpdateConfig proposed)
    {
        if (proposed.UpdateFrequency < 0)
        {
            return (null, "invalid update frequency: must not be negative");
        }

        var windows = proposed.MaintenanceWindows?.Where(w => w is not null).ToList();
        if (MaintenanceWindows.Validate(windows) is { } error)
        {
            return (null, error);
        }

        return (Normalise(proposed with { MaintenanceWindows = windows }), null);
    }

    /// <summary>Frequencies under five minutes become six hours; empty window lists are stored as none.</summary>
    public static SystemUpdateConfig Normalise(SystemUpdateConfig config) => config with
    {
        UpdateFrequency = config.UpdateFrequency < SystemUpdateConfig.MinimumFrequency
            ? SystemUpdateConfig.DefaultFrequency
            : config.UpdateFrequency,
        MaintenanceWindows = config.MaintenanceWindows is { Count: > 0 } list
            ? list.Select(w => w with
            {
                StartDayOfWeek = w.StartDayOfWeek ?? string.Empty,
                EndDayOfWeek = w.EndDayOfWeek ?? string.Empty,
            }).ToList()
            : null,
    };
}

using Tmds.DBus;

namespace IncusOs.Providers.DBus;

/// <summary>
/// The daemon's one connection to the system bus, opened on first use and shared by every provider
/// that talks D-Bus. The address comes from options (tests point it at a private dbus-daemon).
/// </summary>
public sealed class SystemBus : IAsyncDisposable
{
    private readonly string _address;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Connection? _connection;

    public SystemBus(string? address)
    {
        _address = string.IsNullOrEmpty(address) ? Address.System! : address;
    }

    public async Task<Connection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                var connection = new Connection(_address);
                try
                {
                    await connection.ConnectAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ConnectException or IOException or DBusException)
                {
                    connection.Dispose();
                    throw new ProviderException($"cannot connect to the system bus at {_address}: {ex.Message}", ex);
                }

                _connection = connection;
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _connection?.Dispose();
        _gate.Dispose();

        return ValueTask.CompletedTask;
    }
}

namespace IncusOs.Actors.Update;

/// <summary>A snapshot of everything one pass reads; the pass never touches the actor's fields.</summary>
public sealed record UpdatePassInput(UpdateCheckKind Kind, DateTime Now, UpdateActorState State);

package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

// Discord hides commands from members without their default permission,
// but server admins can change who sees them: the bot checks again.
func TestCanManage(t *testing.T) {
	tests := []struct {
		name   string
		member *discordgo.Member
		want   bool
	}{
		{"manage server", &discordgo.Member{Permissions: discordgo.PermissionManageGuild | discordgo.PermissionSendMessages}, true},
		{"administrator", &discordgo.Member{Permissions: discordgo.PermissionAdministrator}, true},
		{"plain member", &discordgo.Member{Permissions: discordgo.PermissionSendMessages | discordgo.PermissionManageMessages}, false},
		{"direct message", nil, false},
	}
	for _, tt := range tests {
		if got := canManage(&discordgo.Interaction{Member: tt.member}); got != tt.want {
			t.Errorf("%s: canManage = %v, want %v", tt.name, got, tt.want)
		}
	}
}

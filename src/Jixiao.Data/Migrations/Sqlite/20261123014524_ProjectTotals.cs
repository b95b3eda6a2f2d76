using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "project_cells",
                columns: table => new
                {
                    lineage_key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: false),
                    forms = table.Column<int>(type: "INTEGER", nullable: false),
                    declarations = table.Column<int>(type: "INTEGER", nullable: false),
                    first_year = table.Column<int>(type: "INTEGER", nullable: true),
                    last_year = table.Column<int>(type: "INTEGER", nullable: true),
                    project_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_cells", x => new { x.lineage_key, x.department_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_project_cells_forms_lineage_key",
                table: "project_cells",
                columns: new[] { "forms", "lineage_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "project_cells");
        }
    }
}
